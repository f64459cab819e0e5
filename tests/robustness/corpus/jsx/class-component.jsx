import { Component } from 'react';

export class Ticker extends Component {
  state = { n: 0 };
  componentDidMount() {
    this.timer = setInterval(() => this.setState(({ n }) => ({ n: n + 1 })), 1000);
    this.socket = new WebSocket('wss://example.test');
  }
  componentWillUnmount() {
    clearInterval(this.timer);
    this.socket.close();
  }
  render() {
    return <output>{this.state.n}</output>;
  }
}
