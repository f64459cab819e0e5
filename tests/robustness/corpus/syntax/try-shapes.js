export function shapes(fn) {
  try {
    fn();
  } catch (error) {
    console.error(error);
  }
  try {
    fn();
  } finally {
    console.log('finally only');
  }
  try {
    fn();
  } catch {
    console.log('optional binding');
  } finally {
    console.log('both');
  }
  try {
    try {
      fn();
    } finally {
      fn();
    }
  } catch ({ message, cause: { code } = {} }) {
    console.log(message, code);
  }
  try {
  } catch {}
  try {
  } finally {
  }
}

export function returnInFinally() {
  try {
    return 'try';
  } finally {
    // eslint-disable-next-line no-unsafe-finally
    return 'finally';
  }
}

export function throwInCatch(fn) {
  try {
    return fn();
  } catch (e) {
    throw new Error('wrapped', { cause: e });
  } finally {
    console.log('after');
  }
}

export function loopWithFinally(items) {
  for (const item of items) {
    try {
      if (item === 1) continue;
      if (item === 2) break;
      if (item === 3) return item;
    } finally {
      console.log('each', item);
    }
  }
}

export async function asyncShapes(fn) {
  try {
    await fn();
  } catch (e) {
    await Promise.reject(e).catch(() => {});
  } finally {
    await fn();
  }
}
