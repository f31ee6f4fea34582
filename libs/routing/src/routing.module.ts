import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreasModule } from '@citygrid/areas';
import { CatalogueModule } from '@citygrid/catalogue';
import { DepartmentsModule } from '@citygrid/departments';
import { RoutingRuleEntity } from './routing-rule.entity';
import { RoutingRulesService } from './routing-rules.service';

@Module({
  imports: [TypeOrmModule.forFeature([RoutingRuleEntity]), AreasModule, CatalogueModule, DepartmentsModule],
  providers: [RoutingRulesService],
  exports: [RoutingRulesService],
})
export class RoutingModule {}
