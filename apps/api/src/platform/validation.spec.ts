import 'reflect-metadata';
import { HttpException } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsString,
  Min,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { flattenValidationErrors, validationExceptionFactory } from './validation';

class Item {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class Owner {
  @IsString()
  uscc!: string;
}

class Order {
  @IsObject()
  @ValidateNested()
  @Type(() => Owner)
  owner!: Owner;

  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];
}

const errorsFor = (plain: unknown): ValidationError[] =>
  validateSync(plainToInstance(Order, plain) as object, { whitelist: true, forbidNonWhitelisted: true });

describe('flattenValidationErrors', () => {
  it('is empty for a valid object', () => {
    expect(
      flattenValidationErrors(errorsFor({ owner: { uscc: 'x' }, items: [{ name: 'a', quantity: 1 }] })),
    ).toEqual([]);
  });

  it('names nested fields by path and array elements by index, with every problem', () => {
    const flat = flattenValidationErrors(
      errorsFor({
        owner: { uscc: 5 },
        items: [
          { name: 'a', quantity: 1 },
          { name: 7, quantity: 0.5 },
        ],
      }),
    );
    expect(flat).toEqual([
      { field: 'owner.uscc', problems: ['uscc must be a string'] },
      { field: 'items[1].name', problems: ['name must be a string'] },
      {
        field: 'items[1].quantity',
        problems: expect.arrayContaining(['quantity must be an integer number']),
      },
    ]);
    expect(flat[2]?.problems).toHaveLength(2);
  });

  it('reports unknown fields at any depth', () => {
    const flat = flattenValidationErrors(
      errorsFor({
        owner: { uscc: 'x', extra: 1 },
        items: [{ name: 'a', quantity: 1, colour: 'red' }],
        x: true,
      }),
    );
    expect(flat).toEqual(
      expect.arrayContaining([
        { field: 'x', problems: ['property x should not exist'] },
        { field: 'owner.extra', problems: ['property extra should not exist'] },
        { field: 'items[0].colour', problems: ['property colour should not exist'] },
      ]),
    );
    expect(flat).toHaveLength(3);
  });

  it('names an error about the whole body (body)', () => {
    expect(flattenValidationErrors([{ property: '', constraints: { a: 'bad body' }, children: [] }])).toEqual(
      [{ field: '(body)', problems: ['bad body'] }],
    );
  });
});

describe('validationExceptionFactory', () => {
  it('makes a 400 VALIDATION_FAILED with the flat details', () => {
    const exception = validationExceptionFactory(errorsFor({ owner: {}, items: [] }));
    expect(exception).toBeInstanceOf(HttpException);
    expect(exception.getStatus()).toBe(400);
    expect(exception.getResponse()).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request has 1 invalid field',
      details: [{ field: 'owner.uscc', problems: ['uscc must be a string'] }],
    });
  });
});
