import { Module } from '@nestjs/common';
import { CoordinatorsStore } from './coordinators.store';
import { ListCoordinatorsHttpController } from './list-coordinators/list-coordinators.http.controller';
import { ListCoordinatorsService } from './list-coordinators/list-coordinators.service';
import { SetCoordinatorsHttpController } from './set-coordinators/set-coordinators.http.controller';
import { SetCoordinatorsService } from './set-coordinators/set-coordinators.service';

/** Each university's coordinators (administrators set them; coordinators.set tells the notifications service). */
@Module({ controllers: [ListCoordinatorsHttpController, SetCoordinatorsHttpController], providers: [CoordinatorsStore, ListCoordinatorsService, SetCoordinatorsService] })
export class CoordinatorsModule {}
