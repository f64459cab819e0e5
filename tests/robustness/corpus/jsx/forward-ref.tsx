import { forwardRef, type Ref } from 'react';

export const Input = forwardRef(function Input(props: { label: string }, ref: Ref<HTMLInputElement>) {
  return (
    <label>
      {props.label}
      <input ref={ref} type="text" disabled={false} aria-label={`${props.label}`} />
    </label>
  );
});
