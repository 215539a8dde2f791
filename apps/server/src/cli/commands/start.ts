import { main } from '../../main.js';

export async function run(): Promise<number> {
  await main();
  return 0;
}
