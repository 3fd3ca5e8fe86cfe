import type { Response } from 'express';
import type { AggregateView } from '@app/certification';

/** GET of an aggregate: its folded state with the stream revision as ETag, for a later If-Match. */
export const sendView = <S>(response: Response, view: AggregateView<S>): AggregateView<S> => {
  response.setHeader('ETag', `"${view.revision}"`);
  return view;
};
