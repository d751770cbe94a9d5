/**
 * A WebSocket the board can drop at once. When the browser reports the network gone, a normal
 * `close()` waits for a closing handshake the dead network cannot carry, and meanwhile the Yjs
 * provider believes it is connected and will not open a new socket when the network returns.
 * `drop()` detaches from the real socket and reports it closed immediately, so the provider
 * moves on; the real socket's late events are ignored.
 */
export class DroppableWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  // The provider compares `ws.readyState === ws.OPEN`, so the constants live on instances too.
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readonly #socket: WebSocket;
  #dropped = false;

  constructor(url: string | URL, protocols?: string | string[]) {
    super();
    this.#socket = new WebSocket(url, protocols);
    const forward = (make: (event: Event) => Event) => (event: Event) => {
      if (!this.#dropped) this.dispatchEvent(make(event));
    };
    // Events are re-created: one already dispatched on the real socket cannot be dispatched again.
    this.#socket.addEventListener(
      'open',
      forward(() => new Event('open')),
    );
    this.#socket.addEventListener(
      'error',
      forward(() => new Event('error')),
    );
    this.#socket.addEventListener(
      'message',
      forward((event) => new MessageEvent('message', { data: (event as MessageEvent).data })),
    );
    this.#socket.addEventListener(
      'close',
      forward((event) => {
        const { code, reason, wasClean } = event as CloseEvent;
        return new CloseEvent('close', { code, reason, wasClean });
      }),
    );
  }

  get readyState(): number {
    return this.#dropped ? DroppableWebSocket.CLOSED : this.#socket.readyState;
  }

  get binaryType(): BinaryType {
    return this.#socket.binaryType;
  }

  set binaryType(type: BinaryType) {
    this.#socket.binaryType = type;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    if (!this.#dropped) this.#socket.send(data as string);
  }

  close(code?: number, reason?: string) {
    this.#socket.close(code, reason);
  }

  /** Gives the socket up now, as if the connection had closed. */
  drop() {
    if (this.#dropped) return;
    this.#socket.close();
    this.dispatchEvent(new CloseEvent('close', { code: 1006, reason: 'offline', wasClean: false }));
    this.#dropped = true;
  }
}
