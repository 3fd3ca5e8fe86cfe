import type { FastifyReply } from 'fastify';
import type { AggregateView } from '@app/certification';
import { etagOf } from '../platform/etag';

/** GET of an aggregate: its folded state with the stream revision as ETag, for a later If-Match. */
export const sendView = <S>(response: FastifyReply, view: AggregateView<S>): AggregateView<S> => {
  response.header('ETag', etagOf(view.revision));
  return view;
};
