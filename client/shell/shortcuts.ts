/** Every keyboard shortcut, as the `?` dialog and the README list them. */
export const SHORTCUTS: {keys: string[]; what: string; where: string}[] = [
  {keys: ['/'], what: 'Search tickets', where: 'Anywhere'},
  {keys: ['?'], what: 'Show these shortcuts', where: 'Anywhere'},
  {keys: ['Esc'], what: 'Close a dialog or the open handoff', where: 'Anywhere'},
  {keys: ['1', '…', '9'], what: 'Answer the current step with that option', where: 'Walker'},
  {keys: ['J'], what: 'Next escalation', where: 'Queue'},
  {keys: ['K'], what: 'Previous escalation', where: 'Queue'},
  {keys: ['Enter'], what: 'Open the selected escalation', where: 'Queue'},
];
