/** The same-run baseline: a bare Fastify hello-world, in its own process like the Harbour server. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3999) });
console.log('hello ready');
