import { Module } from '@nestjs/common';
import { RoundReportsModule } from '../round-reports/round-reports.module';
import { GetResponsesHttpController } from './get-responses/get-responses.http.controller';
import { GetResponsesService } from './get-responses/get-responses.service';
import { ResponseFiguresStore } from './response-figures.store';

/** Response figures, from the assignments the round reports already keep. */
@Module({ imports: [RoundReportsModule], controllers: [GetResponsesHttpController], providers: [ResponseFiguresStore, GetResponsesService] })
export class ResponseFiguresModule {}
