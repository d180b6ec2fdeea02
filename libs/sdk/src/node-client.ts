import WebSocket from 'ws';
import { GuildhallClient as BrowserGuildhallClient } from './client.js';

/** The Node client: its subscription socket (the `ws` package) sends the same headers as HTTP requests (e.g. x-api-key). */
export class GuildhallClient extends BrowserGuildhallClient {
  protected override webSocketImpl(): unknown {
    const headers = this.headers;
    return class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    };
  }
}
