import { Module } from '@nestjs/common';
import { CasesModule } from '@citygrid/cases';
import { BoardService } from './board.service';

@Module({ imports: [CasesModule], providers: [BoardService], exports: [BoardService] })
export class BoardModule {}
