/**
 * The WeChat accounts the playground's simulator knows. The demo account is also saved in the emulated
 * spreadsheet at startup, so the add-on opens ready to fetch; the second one only admits an IP the playground
 * never uses, to show what Test connection says about an IP whitelist (40164).
 */
import type { SimAccount } from '../simulator/simulator';

export const DEMO_ACCOUNT: SimAccount = {
  appid: 'wx0123456789abcdef',
  secret: 'DemoSecret0123456789abcdefABCDEF',
  type: 'china',
  // The whitelist is on for new AppSecrets: it lists the address the playground's emulation calls from.
  whitelist: ['127.0.0.1'],
};

export const WHITELISTED_ACCOUNT: SimAccount = {
  appid: 'wx00000000000000ff',
  secret: 'WhitelistSecret0123456789abcdefG',
  type: 'china',
  whitelist: ['203.0.113.7'],
};

export const DEMO_ACCOUNT_NAME = 'Demo account';
