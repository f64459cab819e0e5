export function classify(value) {
  let kind;
  switch (typeof value) {
    case 'string':
      kind = 'text';
    // falls through
    case 'number': {
      const local = kind ?? 'number';
      kind = local;
      break;
    }
    default:
      kind = 'other';
      break;
    case 'object':
      if (value === null) {
        kind = 'null';
        break;
      }
      switch (true) {
        case Array.isArray(value):
          return 'array';
        case value instanceof Map:
          return 'map';
      }
      kind = 'object';
  }
  switch (kind) {
  }
  switch (kind) {
    default:
  }
  return kind;
}
