/** What bench-stack.ts and server-process.ts say to each other over IPC. */
export type StackMessage = {type: 'start-bare'} | {type: 'stop-bare'} | {type: 'stop'};

export type StackReady = {
  type: 'ready';
  appUrl: string;
  zeroUrl: string;
  bareZeroUrl: string;
  databaseUrl: string;
  dataDir: string;
  replicaFile: string;
  apiPid: number;
  zeroCachePid: number | undefined;
};

export type StackReply = StackReady | {type: 'done'; what: string} | {type: 'error'; message: string};
