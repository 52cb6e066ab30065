export * from './ports';
export * from './nats-server';
export * from './databases';
export * from './apps';
export * from './rpc';
export * from './tokens';
export * from './events';
export * from './delivery-servers';
