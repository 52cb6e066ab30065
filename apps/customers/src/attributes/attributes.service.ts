import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, ErrorCodes, invalid, type AttributeDefinitionView } from '@app/contracts';
import { type Caller, uniqueViolation } from '@app/common';
import { ATTRIBUTE_KEY_CONSTRAINT, AttributeDefinitionEntity } from './attribute-definition.entity';
import { validateAttributeDefinition } from './attribute-rules';

const attributeExists = (key: string) => conflict(ErrorCodes.attributeExists, `An attribute with the key "${key}" already exists`);

const toView = (d: AttributeDefinitionEntity): AttributeDefinitionView => ({
  key: d.key,
  label: d.label,
  type: d.type,
  options: d.options,
  required: d.required,
  order: d.order,
  showInProfile: d.showInProfile,
});

/** Tenant-defined custom attributes (C4). Values are checked by customers with `definitions()`. */
@Injectable()
export class AttributesService {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's definitions in display order. */
  async definitions(em: EntityManager, tenantId: string): Promise<AttributeDefinitionView[]> {
    const rows = await em.find(AttributeDefinitionEntity, { where: { tenantId }, order: { order: 'ASC', key: 'ASC' } });
    return rows.map(toView);
  }

  list(caller: Caller): Promise<AttributeDefinitionView[]> {
    return this.definitions(this.dataSource.manager, caller.tenantId);
  }

  /** A new definition; without `order` it goes after the existing ones. 409 attribute_exists for a used key. */
  async create(caller: Caller, input: Record<string, unknown>): Promise<AttributeDefinitionView> {
    const { value, errors } = validateAttributeDefinition(input);
    if (Object.keys(errors).length) throw invalid(errors);
    const { tenantId } = caller;
    try {
      return await this.dataSource.transaction(async (em) => {
        if (await em.existsBy(AttributeDefinitionEntity, { tenantId, key: value.key })) throw attributeExists(value.key);
        const last = await em.findOne(AttributeDefinitionEntity, { where: { tenantId }, order: { order: 'DESC' } });
        const entity: AttributeDefinitionEntity = { ...value, tenantId, order: value.order ?? (last ? last.order + 1 : 0), createdAt: new Date() };
        await em.insert(AttributeDefinitionEntity, entity);
        return toView(entity);
      });
    } catch (e) {
      if (uniqueViolation(e) === ATTRIBUTE_KEY_CONSTRAINT) throw attributeExists(value.key);
      throw e;
    }
  }
}
