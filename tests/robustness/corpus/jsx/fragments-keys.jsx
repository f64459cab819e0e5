import { Fragment } from 'react';
export const Glossary = ({ items }) => (
  <dl>
    {items.map(({ term, desc }) => (
      <Fragment key={term}>
        <dt>{term}</dt>
        <dd>{desc}</dd>
      </Fragment>
    ))}
  </dl>
);
