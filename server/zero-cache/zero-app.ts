/** The Zero app id zero-cache runs under (docs/contract.md), and its upstream shard 0, where it keeps its bookkeeping. */
export const ZERO_APP_ID = 'zero';
export const ZERO_UPSTREAM_SCHEMA = `${ZERO_APP_ID}_0`;
