import type { ApiClient, TestUser } from './api-harness';

/** The ids of the applications the `applications` read model lists to `user`, sorted (type imports only: no app). */
export const listedApplicationIds = async (
  api: Pick<ApiClient, 'http'>,
  user: TestUser,
): Promise<string[]> => {
  const response = await api
    .http()
    .get('/api/v1/applications')
    .set('Authorization', `Bearer ${user.token}`)
    .expect(200);
  return (response.body as { items: { id: string }[] }).items.map((item) => item.id).sort();
};
