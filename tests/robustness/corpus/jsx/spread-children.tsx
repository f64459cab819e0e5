import type { ReactNode } from 'react';
export const Wrapper = ({ children, ...rest }: { children?: ReactNode } & Record<string, unknown>) => (
  <div {...rest}>{...[children]}</div>
);
