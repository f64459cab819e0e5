export const Svg = () => (
  <svg xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
    <use xlink:href="#icon" />
    <foreignObject>
      <div>{'text'}</div>
    </foreignObject>
  </svg>
);
export const Member = () => {
  const UI = { Button: (p: { children?: unknown }) => <button>{String(p.children)}</button> };
  return <UI.Button>click</UI.Button>;
};
export const Entities = () => <p>&nbsp;&copy; 2024 &mdash; {'<escaped>'}</p>;
