const café = 'coffee';
const ñandú = 1;
const \u0066s = { open: () => 'escaped identifier' };
const 変数 = 2;
const $ = 3,
  _ = 4;
export const out = [café, ñandú, \u0066s.open(), 変数, $, _, 'emoji 🎉 in string'];
