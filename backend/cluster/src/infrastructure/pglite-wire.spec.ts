import { WireGrouper } from './pglite-wire';

const message = (type: string, body = Buffer.alloc(0)) => {
  const b = Buffer.alloc(5 + body.length);
  b.write(type, 0);
  b.writeInt32BE(4 + body.length, 1);
  body.copy(b, 5);
  return b;
};
const startup = () => {
  const b = Buffer.alloc(8);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(196608, 4);
  return b;
};

describe('WireGrouper', () => {
  it('answers an SSL request, then groups the start-up message alone', () => {
    const grouper = new WireGrouper();
    const ssl = Buffer.alloc(8);
    ssl.writeInt32BE(8, 0);
    ssl.writeInt32BE(80877103, 4);
    const first = grouper.push(Buffer.concat([ssl, startup()]));
    expect(first.sslRequest).toBe(true);
    expect(first.groups).toEqual([startup()]);
  });

  it('keeps Parse/Bind/Execute together up to Sync, even when bytes arrive split', () => {
    const grouper = new WireGrouper();
    grouper.push(startup());
    const group = Buffer.concat([message('P', Buffer.from('x')), message('B'), message('E'), message('S')]);
    expect(grouper.push(group.subarray(0, 7)).groups).toEqual([]);
    const rest = grouper.push(Buffer.concat([group.subarray(7), message('Q', Buffer.from('select 1'))]));
    expect(rest.groups).toEqual([group, message('Q', Buffer.from('select 1'))]);
  });

  it('reports Terminate instead of forwarding it', () => {
    const grouper = new WireGrouper();
    grouper.push(startup());
    expect(grouper.push(message('X'))).toEqual({ groups: [], sslRequest: false, terminate: true });
  });
});
