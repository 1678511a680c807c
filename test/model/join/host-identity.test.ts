import { describe, expect, it } from 'vitest';
import { createHostIdentity } from '../../../src/model/join/index.js';
import { identity } from './network-scenario.js';

describe('createHostIdentity', () => {
  it('maps own, second, NAT and network addresses and aliases to hosts', () => {
    expect(identity.hostOf('10.0.1.5')).toBe('bastion');
    expect(identity.hostOf('203.0.113.5')).toBe('bastion');
    expect(identity.hostOf('::ffff:10.0.20.9')).toBe('app1');
    expect(identity.hostOf('10.0.4.6')).toBe('backup1');
    expect(identity.hostOf('10.0.4.8')).toBeUndefined();
    expect(identity.hostOf('not an ip')).toBeUndefined();
    expect(identity.hostNamed('DB1.lab.example')).toBe('db1');
    expect(identity.addressesOf('app1')).toEqual(['10.0.2.9', '10.0.20.9']);
    expect(identity.isMonitored('db1')).toBe(true);
    expect(identity.isMonitored('laptop')).toBe(false);
  });

  it('prefers exact addresses, then the most specific network', () => {
    const id = createHostIdentity({
      hosts: [
        { name: 'lan', networks: ['10.0.0.0/8'] },
        { name: 'dmz', networks: ['10.1.0.0/16'] },
        { name: 'gw', addresses: ['10.1.0.1'] },
      ],
    });
    expect([id.hostOf('10.2.0.1'), id.hostOf('10.1.9.9'), id.hostOf('10.1.0.1')]).toEqual([
      'lan',
      'dmz',
      'gw',
    ]);
  });

  it('rejects bad configuration with a TypeError', () => {
    expect(() => createHostIdentity({ hosts: [{ name: 'x', addresses: ['10.0.0.300'] }] })).toThrow(
      TypeError,
    );
    expect(() => createHostIdentity({ hosts: [{ name: 'x', networks: ['10.0.0.0/33'] }] })).toThrow(
      TypeError,
    );
    expect(() => createHostIdentity({ hosts: [{ name: '' }] })).toThrow(TypeError);
  });
});
