import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreasModule } from '@citygrid/areas';
import { CatalogueModule } from '@citygrid/catalogue';
import { RoutingRuleEntity } from './routing-rule.entity';
import { RoutingRulesService } from './routing-rules.service';

@Module({
  imports: [TypeOrmModule.forFeature([RoutingRuleEntity]), AreasModule, CatalogueModule],
  providers: [RoutingRulesService],
  exports: [RoutingRulesService],
})
export class RoutingModule {}
