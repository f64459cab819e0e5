export const bom = 'file starts with a byte order mark';
