/** The Credentials form with a relay: the default connection, the prefilled URL, and the account picked from it. */
import { blankAccountForm, checkAccountForm, pickRelayAccount } from '../../sidebar/account-model';

describe('a new account in a deployment with relay URLs', () => {
  it('connects through the relay by default, prefilled when the deployment names exactly one relay', () => {
    expect(blankAccountForm(['https://relay.example.com/'])).toEqual(
      expect.objectContaining({ connection: 'relay', relayUrl: 'https://relay.example.com' }),
    );
    expect(blankAccountForm(['https://a.example.com/', 'https://b.example.com/'])).toEqual(
      expect.objectContaining({ connection: 'relay', relayUrl: '' }),
    );
    expect(blankAccountForm(['https://*.example.com/'])).toEqual(
      expect.objectContaining({ connection: 'relay', relayUrl: '' }),
    );
    expect(blankAccountForm([])).toEqual(expect.objectContaining({ connection: 'direct', relayUrl: '' }));
  });

  it('takes App ID, type and name from the picked account, keeping a name the user typed', () => {
    const form = blankAccountForm(['https://relay.example.com/']);
    const sales = { appId: 'wx1111111111111111', name: 'Sales', type: 'china' } as const;
    const global = { appId: 'wx2222222222222222', name: 'Global', type: 'international' } as const;
    pickRelayAccount(form, sales);
    expect(form).toEqual(expect.objectContaining({ appId: sales.appId, type: 'china', name: 'Sales' }));
    pickRelayAccount(form, global, sales);
    expect(form).toEqual(expect.objectContaining({ appId: global.appId, type: 'international', name: 'Global' }));
    form.name = 'Our global account';
    pickRelayAccount(form, sales, global);
    expect(form).toEqual(expect.objectContaining({ appId: sales.appId, name: 'Our global account' }));
  });

  it('refuses a relay URL the deployment does not allow before asking the server', () => {
    const form = {
      ...blankAccountForm(['https://relay.example.com/']),
      name: 'Sales',
      appId: 'wx1111111111111111',
      relayUrl: 'https://other.example.com',
      relayKey: 'sales-Vq3xK9mP2wL7nR4tY8zB6cD1fG5hJ0aE',
    };
    expect(checkAccountForm(form, ['https://relay.example.com/'])).toEqual([
      expect.objectContaining({ field: 'relayUrl', code: 'relay_not_allowed' }),
    ]);
    expect(
      checkAccountForm({ ...form, relayUrl: 'https://relay.example.com' }, ['https://relay.example.com/']),
    ).toEqual([]);
  });
});
