"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-21

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table('agency',
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('name_fold', sa.String(length=255), nullable=False),
    sa.Column('short_name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('head_name', sa.String(length=100), nullable=False),
    sa.Column('head_title', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency'))
    )
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_name_fold'), ['name_fold'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('table_name', sa.String(length=100), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('calendar_override',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('note', sa.String(length=255), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_override')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_override_day'))
    )
    op.create_table('field',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field')),
    sa.UniqueConstraint('name', name=op.f('uq_field_name'))
    )
    op.create_table('hamlet',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_fold', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hamlet'))
    )
    with op.batch_alter_table('hamlet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hamlet_name_fold'), ['name_fold'], unique=False)

    op.create_table('official',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_fold', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('body', sa.String(length=40), nullable=False),
    sa.Column('gender', sa.String(length=10), nullable=True),
    sa.Column('is_party_head', sa.Boolean(), nullable=False),
    sa.Column('is_council_head', sa.Boolean(), nullable=False),
    sa.Column('is_committee_head', sa.Boolean(), nullable=False),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_to', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official'))
    )
    with op.batch_alter_table('official', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_name_fold'), ['name_fold'], unique=False)

    op.create_table('profile',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('built_in', sa.Boolean(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile')),
    sa.UniqueConstraint('code', name=op.f('uq_profile_code'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_setting')),
    sa.UniqueConstraint('key', name=op.f('uq_setting_key'))
    )
    op.create_table('commune',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.Column('place_name', sa.String(length=100), nullable=False),
    sa.Column('party_committee', sa.String(length=255), nullable=False),
    sa.Column('party_superior', sa.String(length=255), nullable=False),
    sa.Column('council', sa.String(length=255), nullable=False),
    sa.Column('committee', sa.String(length=255), nullable=False),
    sa.Column('front', sa.String(length=255), nullable=False),
    sa.Column('state_superior', sa.String(length=255), nullable=False),
    sa.Column('office_unit', sa.String(length=20), nullable=False),
    sa.Column('superior_recipients', sa.JSON(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_commune_profile_id_profile'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commune'))
    )
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commune_profile_id'), ['profile_id'], unique=False)

    op.create_table('dialogue_session',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('title_fold', sa.String(length=500), nullable=False),
    sa.Column('host', sa.String(length=40), nullable=False),
    sa.Column('joint_bodies', sa.String(length=100), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('chair_delegated', sa.Boolean(), nullable=False),
    sa.Column('form', sa.String(length=40), nullable=False),
    sa.Column('regime', sa.String(length=40), nullable=False),
    sa.Column('planned_start', sa.DateTime(), nullable=False),
    sa.Column('planned_end', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=255), nullable=False),
    sa.Column('target_audience', sa.Text(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('requirements', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('secretary_id', sa.Integer(), nullable=True),
    sa.Column('secretary_name', sa.String(length=100), nullable=False),
    sa.Column('document_format', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('plan_issued_date', sa.Date(), nullable=True),
    sa.Column('invitations_sent_date', sa.Date(), nullable=True),
    sa.Column('actual_start', sa.DateTime(), nullable=True),
    sa.Column('actual_end', sa.DateTime(), nullable=True),
    sa.Column('citizens_attending', sa.Integer(), nullable=True),
    sa.Column('delegates_attending', sa.Integer(), nullable=True),
    sa.Column('general_conclusion', sa.Text(), nullable=False),
    sa.Column('conclusion_notice_date', sa.Date(), nullable=True),
    sa.Column('notice_override', sa.Date(), nullable=True),
    sa.Column('notice_override_reason', sa.Text(), nullable=False),
    sa.Column('conclusion_override', sa.Date(), nullable=True),
    sa.Column('conclusion_override_reason', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['official.id'], name=op.f('fk_dialogue_session_chair_id_official'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_dialogue_session_profile_id_profile'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['secretary_id'], ['official.id'], name=op.f('fk_dialogue_session_secretary_id_official'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dialogue_session'))
    )
    with op.batch_alter_table('dialogue_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dialogue_session_chair_id'), ['chair_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialogue_session_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialogue_session_secretary_id'), ['secretary_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialogue_session_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_dialogue_session_year'), ['year'], unique=False)

    op.create_table('agenda_step_log',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('reached_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_agenda_step_log_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_step_log'))
    )
    with op.batch_alter_table('agenda_step_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_step_log_session_id'), ['session_id'], unique=False)

    op.create_table('bridge_point',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_bridge_point_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bridge_point'))
    )
    with op.batch_alter_table('bridge_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bridge_point_session_id'), ['session_id'], unique=False)

    op.create_table('registration',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('citizen_name', sa.String(length=100), nullable=False),
    sa.Column('citizen_fold', sa.String(length=100), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('gender', sa.String(length=10), nullable=True),
    sa.Column('cccd', sa.String(length=12), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('hamlet_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('speaks_for', sa.String(length=40), nullable=False),
    sa.Column('speaks_for_count', sa.Integer(), nullable=True),
    sa.Column('field_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_fold', sa.Text(), nullable=False),
    sa.Column('addressed_to', sa.String(length=255), nullable=False),
    sa.Column('addressed_agency_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=True),
    sa.Column('queue_order', sa.Integer(), nullable=False),
    sa.Column('priority', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('refusal_code', sa.String(length=40), nullable=False),
    sa.Column('refusal_note', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['addressed_agency_id'], ['agency.id'], name=op.f('fk_registration_addressed_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['field_id'], ['field.id'], name=op.f('fk_registration_field_id_field'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['hamlet_id'], ['hamlet.id'], name=op.f('fk_registration_hamlet_id_hamlet'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['registration.id'], name=op.f('fk_registration_merged_into_id_registration'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_registration_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration'))
    )
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_addressed_agency_id'), ['addressed_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_citizen_fold'), ['citizen_fold'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_field_id'), ['field_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_hamlet_id'), ['hamlet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index('ix_registration_session_order', ['session_id', 'queue_order'], unique=False)

    op.create_table('session_co_chair',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=False),
    sa.Column('delegated', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['official_id'], ['official.id'], name=op.f('fk_session_co_chair_official_id_official'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_session_co_chair_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_co_chair'))
    )
    with op.batch_alter_table('session_co_chair', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_co_chair_official_id'), ['official_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_co_chair_session_id'), ['session_id'], unique=False)

    op.create_table('session_legal_basis',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_session_legal_basis_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_legal_basis'))
    )
    with op.batch_alter_table('session_legal_basis', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_legal_basis_session_id'), ['session_id'], unique=False)

    op.create_table('session_participant',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_session_participant_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_session_participant_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_participant'))
    )
    with op.batch_alter_table('session_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_participant_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_participant_session_id'), ['session_id'], unique=False)

    op.create_table('session_recipient',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=255), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_session_recipient_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_recipient'))
    )
    with op.batch_alter_table('session_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_recipient_session_id'), ['session_id'], unique=False)

    op.create_table('session_task',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('assignee', sa.String(length=255), nullable=False),
    sa.Column('tasks', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_session_task_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_session_task_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_task'))
    )
    with op.batch_alter_table('session_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_task_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_task_session_id'), ['session_id'], unique=False)

    op.create_table('opinion',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=100), nullable=False),
    sa.Column('speaker_fold', sa.String(length=100), nullable=False),
    sa.Column('hamlet_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_fold', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['field_id'], ['field.id'], name=op.f('fk_opinion_field_id_field'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['hamlet_id'], ['hamlet.id'], name=op.f('fk_opinion_hamlet_id_hamlet'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_opinion_registration_id_registration'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_opinion_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion'))
    )
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_field_id'), ['field_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_hamlet_id'), ['hamlet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_speaker_fold'), ['speaker_fold'], unique=False)

    op.create_table('opinion_answer',
    sa.Column('opinion_id', sa.Integer(), nullable=False),
    sa.Column('responder_kind', sa.String(length=40), nullable=False),
    sa.Column('responder_name', sa.String(length=255), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=True),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_opinion_answer_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['official_id'], ['official.id'], name=op.f('fk_opinion_answer_official_id_official'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['opinion_id'], ['opinion.id'], name=op.f('fk_opinion_answer_opinion_id_opinion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_answer'))
    )
    with op.batch_alter_table('opinion_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_answer_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_answer_official_id'), ['official_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_answer_opinion_id'), ['opinion_id'], unique=False)

    op.create_table('petition',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('opinion_id', sa.Integer(), nullable=True),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('citizen_name', sa.String(length=255), nullable=False),
    sa.Column('citizen_fold', sa.String(length=255), nullable=False),
    sa.Column('hamlet_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_fold', sa.Text(), nullable=False),
    sa.Column('conclusion', sa.Text(), nullable=False),
    sa.Column('lead_agency_id', sa.Integer(), nullable=True),
    sa.Column('complex_case', sa.Boolean(), nullable=False),
    sa.Column('computed_due_date', sa.Date(), nullable=True),
    sa.Column('due_provisional', sa.Boolean(), nullable=False),
    sa.Column('due_override', sa.Date(), nullable=True),
    sa.Column('due_override_reason', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('resolved_date', sa.Date(), nullable=True),
    sa.Column('reply_number', sa.String(length=100), nullable=False),
    sa.Column('reply_date', sa.Date(), nullable=True),
    sa.Column('citizen_informed_date', sa.Date(), nullable=True),
    sa.Column('transferred_to', sa.String(length=255), nullable=False),
    sa.Column('earlier_petition_id', sa.Integer(), nullable=True),
    sa.Column('times_raised', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['earlier_petition_id'], ['petition.id'], name=op.f('fk_petition_earlier_petition_id_petition'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['field_id'], ['field.id'], name=op.f('fk_petition_field_id_field'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['hamlet_id'], ['hamlet.id'], name=op.f('fk_petition_hamlet_id_hamlet'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['lead_agency_id'], ['agency.id'], name=op.f('fk_petition_lead_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['opinion_id'], ['opinion.id'], name=op.f('fk_petition_opinion_id_opinion'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_petition_registration_id_registration'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_petition_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petition'))
    )
    with op.batch_alter_table('petition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petition_citizen_fold'), ['citizen_fold'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_earlier_petition_id'), ['earlier_petition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_field_id'), ['field_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_hamlet_id'), ['hamlet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_lead_agency_id'), ['lead_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_opinion_id'), ['opinion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_year'), ['year'], unique=False)

    op.create_table('deadline_override',
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('petition_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('previous_date', sa.Date(), nullable=True),
    sa.Column('new_date', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petition.id'], name=op.f('fk_deadline_override_petition_id_petition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_deadline_override_session_id_dialogue_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_override'))
    )
    with op.batch_alter_table('deadline_override', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_override_petition_id'), ['petition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_override_session_id'), ['session_id'], unique=False)

    op.create_table('issued_document',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('symbol', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('issued_date', sa.Date(), nullable=False),
    sa.Column('signer', sa.String(length=100), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('petition_id', sa.Integer(), nullable=True),
    sa.Column('file_path', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petition.id'], name=op.f('fk_issued_document_petition_id_petition'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['dialogue_session.id'], name=op.f('fk_issued_document_session_id_dialogue_session'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_document'))
    )
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.create_index('ix_issued_document_kind_year', ['kind', 'year'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_document_petition_id'), ['petition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_document_session_id'), ['session_id'], unique=False)

    op.create_table('petition_coordinator',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_petition_coordinator_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['petition_id'], ['petition.id'], name=op.f('fk_petition_coordinator_petition_id_petition'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petition_coordinator')),
    sa.UniqueConstraint('petition_id', 'agency_id', name=op.f('uq_petition_coordinator_petition_id'))
    )
    with op.batch_alter_table('petition_coordinator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petition_coordinator_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_coordinator_petition_id'), ['petition_id'], unique=False)

    op.create_table('petition_extension',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('previous_due', sa.Date(), nullable=True),
    sa.Column('new_due', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('citizen_notified_date', sa.Date(), nullable=True),
    sa.Column('letter_number', sa.String(length=100), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petition.id'], name=op.f('fk_petition_extension_petition_id_petition'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petition_extension'))
    )
    with op.batch_alter_table('petition_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petition_extension_petition_id'), ['petition_id'], unique=False)

    op.create_table('petition_status_change',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=40), nullable=True),
    sa.Column('to_status', sa.String(length=40), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petition.id'], name=op.f('fk_petition_status_change_petition_id_petition'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petition_status_change'))
    )
    with op.batch_alter_table('petition_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petition_status_change_petition_id'), ['petition_id'], unique=False)




def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table('petition_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petition_status_change_petition_id'))

    op.drop_table('petition_status_change')
    with op.batch_alter_table('petition_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petition_extension_petition_id'))

    op.drop_table('petition_extension')
    with op.batch_alter_table('petition_coordinator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petition_coordinator_petition_id'))
        batch_op.drop_index(batch_op.f('ix_petition_coordinator_agency_id'))

    op.drop_table('petition_coordinator')
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_document_session_id'))
        batch_op.drop_index(batch_op.f('ix_issued_document_petition_id'))
        batch_op.drop_index('ix_issued_document_kind_year')

    op.drop_table('issued_document')
    with op.batch_alter_table('deadline_override', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_override_session_id'))
        batch_op.drop_index(batch_op.f('ix_deadline_override_petition_id'))

    op.drop_table('deadline_override')
    with op.batch_alter_table('petition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petition_year'))
        batch_op.drop_index(batch_op.f('ix_petition_status'))
        batch_op.drop_index(batch_op.f('ix_petition_session_id'))
        batch_op.drop_index(batch_op.f('ix_petition_registration_id'))
        batch_op.drop_index(batch_op.f('ix_petition_opinion_id'))
        batch_op.drop_index(batch_op.f('ix_petition_lead_agency_id'))
        batch_op.drop_index(batch_op.f('ix_petition_hamlet_id'))
        batch_op.drop_index(batch_op.f('ix_petition_field_id'))
        batch_op.drop_index(batch_op.f('ix_petition_earlier_petition_id'))
        batch_op.drop_index(batch_op.f('ix_petition_due_date'))
        batch_op.drop_index(batch_op.f('ix_petition_citizen_fold'))

    op.drop_table('petition')
    with op.batch_alter_table('opinion_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_answer_opinion_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_answer_official_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_answer_agency_id'))

    op.drop_table('opinion_answer')
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_speaker_fold'))
        batch_op.drop_index(batch_op.f('ix_opinion_session_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_registration_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_hamlet_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_field_id'))

    op.drop_table('opinion')
    with op.batch_alter_table('session_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_task_session_id'))
        batch_op.drop_index(batch_op.f('ix_session_task_agency_id'))

    op.drop_table('session_task')
    with op.batch_alter_table('session_recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_recipient_session_id'))

    op.drop_table('session_recipient')
    with op.batch_alter_table('session_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_participant_session_id'))
        batch_op.drop_index(batch_op.f('ix_session_participant_agency_id'))

    op.drop_table('session_participant')
    with op.batch_alter_table('session_legal_basis', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_legal_basis_session_id'))

    op.drop_table('session_legal_basis')
    with op.batch_alter_table('session_co_chair', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_co_chair_session_id'))
        batch_op.drop_index(batch_op.f('ix_session_co_chair_official_id'))

    op.drop_table('session_co_chair')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('ix_registration_session_order')
        batch_op.drop_index(batch_op.f('ix_registration_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_registration_hamlet_id'))
        batch_op.drop_index(batch_op.f('ix_registration_field_id'))
        batch_op.drop_index(batch_op.f('ix_registration_citizen_fold'))
        batch_op.drop_index(batch_op.f('ix_registration_addressed_agency_id'))

    op.drop_table('registration')
    with op.batch_alter_table('bridge_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bridge_point_session_id'))

    op.drop_table('bridge_point')
    with op.batch_alter_table('agenda_step_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_step_log_session_id'))

    op.drop_table('agenda_step_log')
    with op.batch_alter_table('dialogue_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dialogue_session_year'))
        batch_op.drop_index(batch_op.f('ix_dialogue_session_status'))
        batch_op.drop_index(batch_op.f('ix_dialogue_session_secretary_id'))
        batch_op.drop_index(batch_op.f('ix_dialogue_session_profile_id'))
        batch_op.drop_index(batch_op.f('ix_dialogue_session_chair_id'))

    op.drop_table('dialogue_session')
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commune_profile_id'))

    op.drop_table('commune')
    op.drop_table('setting')
    op.drop_table('profile')
    with op.batch_alter_table('official', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_name_fold'))

    op.drop_table('official')
    with op.batch_alter_table('hamlet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hamlet_name_fold'))

    op.drop_table('hamlet')
    op.drop_table('field')
    op.drop_table('calendar_override')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_name_fold'))

    op.drop_table('agency')

