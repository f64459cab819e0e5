export function nested(a, b, c) {
  try {
    try {
      try {
        a();
      } catch (e1) {
        try {
          b(e1);
        } finally {
          c();
        }
      }
    } finally {
      try {
        c();
      } catch {
        return -1;
      }
    }
  } catch (outer) {
    if (outer) throw outer;
  } finally {
    if (a) {
      try {
        a();
      } finally {
        b();
      }
    }
  }
  return 0;
}
