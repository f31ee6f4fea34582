import { Module } from '@nestjs/common';
import { EvaluationBuilder } from './evaluation-builder.service';
import { EvaluationService } from './evaluation.service';

/** Evaluation: the api answers from the daily snapshots; the worker's `stats` job builds them. */
@Module({
  providers: [EvaluationService, EvaluationBuilder],
  exports: [EvaluationService, EvaluationBuilder],
})
export class EvaluationModule {}
