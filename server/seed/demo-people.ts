import type {Role} from '../../schema/index.ts';

export const DEMO_PASSWORD = 'tandem-demo';

type DemoAccount = {id: string; name: string; ticketPrefix: string; engineerSeatLimit: number | null; l1SeatLimit: number | null};
type DemoPerson = {
  id: string;
  accountId: string;
  email: string;
  name: string;
  role: Role;
  canCoverL1?: boolean;
};

export const NORTHWIND: DemoAccount = {
  id: '5d1c8f0e-3a52-4c1b-9a53-6f2d1e7b0a01',
  name: 'Northwind IT',
  ticketPrefix: 'NW',
  engineerSeatLimit: 5,
  l1SeatLimit: 5,
};
export const CONTOSO: DemoAccount = {
  id: '8b7e2c44-91d3-4f6a-8e2b-3c5d7a9f1b02',
  name: 'Contoso MSP',
  ticketPrefix: 'CM',
  engineerSeatLimit: 3,
  l1SeatLimit: 3,
};

/** The demo sign-ins of docs/contract.md, all with password `tandem-demo`. */
export const DEMO_PEOPLE: DemoPerson[] = [
  {id: 'a3f1c2d4-0b1e-4c5a-9d7e-1f2a3b4c5d01', accountId: NORTHWIND.id, email: 'owner@northwind.test', name: 'Olivia Owens', role: 'owner'},
  {id: 'a3f1c2d4-0b1e-4c5a-9d7e-1f2a3b4c5d02', accountId: NORTHWIND.id, email: 'senior@northwind.test', name: 'Sam Senior', role: 'engineer'},
  {id: 'a3f1c2d4-0b1e-4c5a-9d7e-1f2a3b4c5d03', accountId: NORTHWIND.id, email: 'cover@northwind.test', name: 'Casey Cover', role: 'engineer', canCoverL1: true},
  {id: 'a3f1c2d4-0b1e-4c5a-9d7e-1f2a3b4c5d04', accountId: NORTHWIND.id, email: 'l1@northwind.test', name: 'Lee Linden', role: 'l1_tech'},
  {id: 'a3f1c2d4-0b1e-4c5a-9d7e-1f2a3b4c5d05', accountId: NORTHWIND.id, email: 'l1b@northwind.test', name: 'Bailey Brooks', role: 'l1_tech'},
  {id: 'a3f1c2d4-0b1e-4c5a-9d7e-1f2a3b4c5d06', accountId: NORTHWIND.id, email: 'viewer@northwind.test', name: 'Val Viewer', role: 'viewer'},
  {id: 'c7e2b9a1-5d4f-4e3c-8b2a-9f8e7d6c5b01', accountId: CONTOSO.id, email: 'owner@contoso.test', name: 'Cora Conway', role: 'owner'},
  {id: 'c7e2b9a1-5d4f-4e3c-8b2a-9f8e7d6c5b02', accountId: CONTOSO.id, email: 'engineer@contoso.test', name: 'Eli Engel', role: 'engineer'},
];
