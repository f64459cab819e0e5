export function Status({ loading, error, data }) {
  if (loading) return <Spinner />;
  return (
    <div className={error ? 'error' : undefined}>
      {error && <p role="alert">{error.message}</p>}
      {data ? <Table rows={data} /> : <Empty />}
      {data?.length > 0 ? data.map((d, i) => <Row key={i} {...d} />) : null}
    </div>
  );
}
const Spinner = () => <span className="spinner" />;
const Table = ({ rows }) => <table>{rows.length}</table>;
const Empty = () => <></>;
const Row = (props) => <tr>{Object.keys(props).join()}</tr>;
