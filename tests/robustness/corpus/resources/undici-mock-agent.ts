import { MockAgent, setGlobalDispatcher, getGlobalDispatcher, Dispatcher } from 'undici';

export function mock() {
  const previous = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
  return async () => {
    setGlobalDispatcher(previous);
    await agent.close();
  };
}
export function compose(d: Dispatcher) {
  return d.compose((dispatch) => dispatch);
}
