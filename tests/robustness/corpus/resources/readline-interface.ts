import { createInterface } from 'node:readline';
import { createInterface as createPromises } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';

export async function ask(question: string) {
  const rl = createPromises({ input: stdin, output: stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
export function leakyAsk(question: string, cb: (a: string) => void) {
  const rl = createInterface({ input: stdin, output: stdout });
  rl.question(question, cb);
}
export async function usingReadline() {
  using rl = createInterface({ input: stdin });
  for await (const line of rl) if (line === 'q') break;
}
