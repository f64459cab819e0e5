export class Builder {
  private parts: string[] = [];
  add(part: string): this {
    this.parts.push(part);
    return this;
  }
  clone(): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this)), this);
  }
  build(this: Builder & { parts: string[] }) {
    return this.parts.join('');
  }
}
export class SubBuilder extends Builder {
  extra(): this {
    return this.add('!');
  }
}
export const built = new SubBuilder().add('a').extra().clone().build();
