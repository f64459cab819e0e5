export const Commented = () => (
  <div>
    {/* a JSX comment */}
    {
      // a line comment in an expression container
    }
    text with 'quotes' and "double quotes"
    <br />
  </div>
);
