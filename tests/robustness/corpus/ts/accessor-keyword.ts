export class Settings {
  accessor theme = 'dark';
  static accessor defaults = { theme: 'light' };
  private accessor secret = 0;
  protected accessor level: number | undefined;
  declare readonly declared: string;
  override?: boolean;
  readonly #hidden = 1;
  get hidden() {
    return this.#hidden + this.secret;
  }
}
export abstract class AbstractSettings {
  abstract accessor mode: string;
}
