import { Module } from '@nestjs/common';
import { RegulatorModule } from '@app/certification';
import { RegulatorController } from './regulator.controller';

/** The regulator endpoints (`/api/v1/regulator/…`) over the certification lib's regulator use cases. */
@Module({
  imports: [RegulatorModule],
  controllers: [RegulatorController],
})
export class RegulatorApiModule {}
