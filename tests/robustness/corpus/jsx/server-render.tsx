import { createServer } from 'node:http';

const Page = ({ title }: { title: string }) => (
  <html>
    <head>
      <title>{title}</title>
    </head>
    <body>
      <h1>{title}</h1>
    </body>
  </html>
);

export const server = createServer((req, res) => {
  const element = <Page title={req.url ?? '/'} />;
  res.setHeader('content-type', 'text/html');
  res.end(String(element));
});
