import tls from 'node:tls';

export function checkCert(host: string): Promise<Date> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(443, host, { servername: host }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      resolve(new Date(cert.valid_to));
    });
    socket.on('error', reject);
  });
}
