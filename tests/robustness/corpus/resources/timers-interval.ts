export function startHeartbeat(send: () => void) {
  const id = setInterval(send, 5000);
  return () => clearInterval(id);
}
export function leakyHeartbeat(send: () => void) {
  setInterval(send, 5000);
}
export function unrefInterval(send: () => void) {
  setInterval(send, 5000).unref();
}
export function conditionalClear(send: () => void, stopAfter: number) {
  let n = 0;
  const id = setInterval(() => {
    send();
    if (++n >= stopAfter) clearInterval(id);
  }, 100);
}
export function disposableTimer() {
  using t = setInterval(() => {}, 1000);
  return t.hasRef();
}
