import type { FileHandle } from 'node:fs/promises';
import { execSync } from 'node:child_process';

export class Bad implements Disposable {
  constructor(private readonly fh: FileHandle) {}
  [Symbol.dispose]() {
    void this.fh.close();
    this.fh.sync().then(() => {});
    execSync('sync');
  }
}
export class Good implements AsyncDisposable {
  constructor(private readonly fh: FileHandle) {}
  async [Symbol.asyncDispose]() {
    await this.fh.close();
  }
}
