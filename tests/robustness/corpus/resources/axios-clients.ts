import axios, { type AxiosInstance } from 'axios';

const api = axios.create({ baseURL: 'https://api.test', timeout: 5000 });

export async function getUser(id: string) {
  const { data } = await api.get(`/users/${id}`);
  return data;
}
export async function perCall(id: string) {
  const client = axios.create({ baseURL: 'https://api.test' });
  return (await client.get(`/users/${id}`)).data;
}
export class UserApi {
  constructor(private readonly http: AxiosInstance = axios.create()) {}
  get(id: string) {
    return this.http.get(`/users/${id}`);
  }
}
export async function streamed(url: string) {
  const res = await axios.get(url, { responseType: 'stream' });
  return res.data;
}
