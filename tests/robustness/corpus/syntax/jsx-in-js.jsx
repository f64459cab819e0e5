import { useEffect, useState } from 'react';

export function Clock({ interval = 1000 }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), interval);
    return () => clearInterval(id);
  }, [interval]);
  return (
    <time dateTime={new Date(now).toISOString()} className="clock">
      {new Date(now).toLocaleTimeString()}
    </time>
  );
}

export const List = ({ items }) => (
  <>
    {items.map((item) => (
      <li key={item.id} {...item.props}>
        {item.label ?? <em>unnamed</em>}
      </li>
    ))}
  </>
);
