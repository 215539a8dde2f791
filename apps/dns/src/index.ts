export { startResolver, type Resolver, type ResolverOptions, type ResolverLog } from './resolver.js';
export type { UpstreamServer } from './chain/upstream.js';
export type { ListenAddress } from './transport/listeners.js';
export { PolicyState } from './chain/state.js';
export { parseHostPort } from './node/host-port.js';
export {
  startNode,
  HttpPolicySource,
  HttpDecisionSink,
  NODE_VERSION,
  type NodeOptions,
  type RunningNode,
} from './node/standalone.js';
