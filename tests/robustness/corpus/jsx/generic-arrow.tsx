export const Select = <T extends string>({ options, value }: { options: readonly T[]; value: T }) => (
  <select value={value}>
    {options.map((o) => (
      <option key={o}>{o}</option>
    ))}
  </select>
);
export const render = () => <Select options={['a', 'b'] as const} value="a" />;
