import type { RecordScoresCommand } from '@app/certification';
import {
  CONFORMITY_ITEM_CODES,
  SERVICE_CHARACTERISTICS,
  TEST_METHODS,
  type ScoreSheetInput,
} from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

type RecordScoresInput = RecordScoresCommand['input'];

const score = { type: 'number', minimum: 0 };

/**
 * POST /audits/{id}/scores — 评分: the Annex D score sheets of the audit's scheme version
 * (GET /api/v1/scheme/{version}/score-sheets). The results are computed, never sent (R-SCORE-1…5).
 * The sheet is checked item by item against the scheme version, every problem reported at once (400).
 */
export class RecordScoresDto implements RecordScoresInput {
  @ApiProperty({
    description:
      'Item scores by item code (0 … the item maximum, at most 2 decimals, or not applicable with a reason), ' +
      'enhancement item scores, the conform/nonconform items and the service-characteristic results',
    type: 'object',
    required: ['items', 'enhancement', 'conformity', 'characteristics'],
    properties: {
      items: {
        type: 'object',
        additionalProperties: {
          oneOf: [
            score,
            {
              type: 'object',
              required: ['notApplicable', 'reason'],
              properties: { notApplicable: { type: 'boolean', enum: [true] }, reason: { type: 'string' } },
            },
          ],
        },
        example: { 'STRATEGY.GOALS.CLARITY': 9, 'STRATEGY.GOALS.MEASURABILITY': 7 },
      },
      enhancement: { type: 'object', additionalProperties: score, example: { 'INNOVATION.TECHNOLOGY': 2 } },
      conformity: {
        type: 'object',
        properties: Object.fromEntries(
          CONFORMITY_ITEM_CODES.map((code) => [
            code,
            {
              type: 'object',
              required: ['result'],
              properties: { result: { enum: ['CONFORM', 'NONCONFORM'] }, note: { type: 'string' } },
            },
          ]),
        ),
      },
      characteristics: {
        type: 'object',
        properties: Object.fromEntries(
          SERVICE_CHARACTERISTICS.map((characteristic) => [
            characteristic,
            {
              type: 'object',
              required: ['score', 'methods'],
              properties: {
                score: { type: 'number', minimum: 0, maximum: 100 },
                methods: {
                  type: 'array',
                  items: { enum: [...TEST_METHODS] },
                  minItems: 1,
                  uniqueItems: true,
                },
              },
            },
          ]),
        ),
      },
    },
  })
  @IsObject()
  sheet!: ScoreSheetInput;
}
