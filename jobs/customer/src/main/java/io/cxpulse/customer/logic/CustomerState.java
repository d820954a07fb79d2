package io.cxpulse.customer.logic;

import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.SurveyResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the core keeps of one customer, one slice per part; a slice is null while its part
 * has nothing to keep, so a customer costs only what they have going on. One object per
 * customer: the operator reads and writes it once per event (on the heap backend, a reference).
 *
 * <p>Death plan: each part says when it next has something to do ({@code nextWakeup}) and drops
 * what it no longer needs when that time comes; when every slice is empty the operator clears
 * the customer's state.
 *
 * <p>A Flink POJO (public fields).
 */
public final class CustomerState {

    public EventIdMemory eventIds;
    public InteractionAssembly interactions;
    public SurveyMatching surveys;
    public CustomerExperience experience;
    public FirstContactResolution firstContacts;
    public ComplaintAttribution complaints;
    /** Surveys waiting for the watermark to reach their event time, when they are judged. */
    public List<SurveyResponse> surveysDue;
    /** OPENED complaints waiting for the watermark to reach their event time, when they are counted. */
    public List<ComplaintEvent> complaintsDue;
    /** The earliest event-time timer registered for this customer and not yet fired. */
    public long wakeup = Long.MAX_VALUE;

    public CustomerState() {}

    public EventIdMemory eventIds() {
        if (eventIds == null) {
            eventIds = new EventIdMemory();
        }
        return eventIds;
    }

    public InteractionAssembly interactions() {
        if (interactions == null) {
            interactions = new InteractionAssembly();
        }
        return interactions;
    }

    public SurveyMatching surveys() {
        if (surveys == null) {
            surveys = new SurveyMatching();
        }
        return surveys;
    }

    public CustomerExperience experience() {
        if (experience == null) {
            experience = new CustomerExperience();
        }
        return experience;
    }

    public FirstContactResolution firstContacts() {
        if (firstContacts == null) {
            firstContacts = new FirstContactResolution();
        }
        return firstContacts;
    }

    public ComplaintAttribution complaints() {
        if (complaints == null) {
            complaints = new ComplaintAttribution();
        }
        return complaints;
    }

    public List<SurveyResponse> surveysDue() {
        if (surveysDue == null) {
            surveysDue = new ArrayList<>(1);
        }
        return surveysDue;
    }

    public List<ComplaintEvent> complaintsDue() {
        if (complaintsDue == null) {
            complaintsDue = new ArrayList<>(1);
        }
        return complaintsDue;
    }

    /** Drops the slices that hold nothing; true when nothing at all is left. */
    public boolean compact() {
        if (eventIds != null && eventIds.isEmpty()) {
            eventIds = null;
        }
        if (interactions != null && interactions.isEmpty()) {
            interactions = null;
        }
        if (surveys != null && surveys.isEmpty()) {
            surveys = null;
        }
        if (experience != null && experience.isEmpty()) {
            experience = null;
        }
        if (firstContacts != null && firstContacts.isEmpty()) {
            firstContacts = null;
        }
        if (complaints != null && complaints.isEmpty()) {
            complaints = null;
        }
        if (surveysDue != null && surveysDue.isEmpty()) {
            surveysDue = null;
        }
        if (complaintsDue != null && complaintsDue.isEmpty()) {
            complaintsDue = null;
        }
        return eventIds == null && interactions == null && surveys == null && experience == null
                && firstContacts == null && complaints == null && surveysDue == null && complaintsDue == null;
    }
}
