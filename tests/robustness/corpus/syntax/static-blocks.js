let initialized = false;
export class Registry {
  static entries = new Map();
  static #ready;
  static {
    try {
      Registry.#ready = true;
      initialized = true;
    } catch {
      Registry.#ready = false;
    } finally {
      Registry.entries.set('boot', Date.now());
    }
  }
  static {
    var hoisted = 1;
    const local = hoisted + 1;
    if (local > 1) {
      Registry.entries.set('local', local);
    }
  }
  static ready() {
    return Registry.#ready && initialized;
  }
}
