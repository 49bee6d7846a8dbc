import { Module } from '@nestjs/common';
import { ListCoordinatorsHttpController } from './list-coordinators/list-coordinators.http.controller';
import { SetCoordinatorsHttpController } from './set-coordinators/set-coordinators.http.controller';
import { SetCoordinatorsService } from './set-coordinators/set-coordinators.service';

/** Each university's coordinators (administrators set them; coordinators.set tells the notifications service). */
@Module({ controllers: [ListCoordinatorsHttpController, SetCoordinatorsHttpController], providers: [SetCoordinatorsService] })
export class CoordinatorsModule {}
