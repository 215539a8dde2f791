import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

/** Each domain module registers its routes here; one line per module keeps merges trivial. */
export function registerModuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}
