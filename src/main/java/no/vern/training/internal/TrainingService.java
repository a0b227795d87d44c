package no.vern.training.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.NotFound;
import no.vern.shared.VernClock;
import no.vern.training.NewTraining;
import no.vern.training.RatePoint;
import no.vern.training.Training;
import no.vern.training.TrainingRegister;
import no.vern.training.TrainingStatus;
import no.vern.training.TrainingStatus.State;

/** The training register: validation, status per staff member, the completion rate and reminders. */
@Service
class TrainingService implements TrainingRegister {

    private final Trainings trainings;
    private final StaffAccounts accounts;
    private final ReminderMail mail;
    private final AuditLog audit;
    private final TrainingProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    TrainingService(Trainings trainings, StaffAccounts accounts, ReminderMail mail, AuditLog audit,
            TrainingProperties properties, TransactionTemplate tx, Clock clock) {
        this.trainings = trainings;
        this.accounts = accounts;
        this.mail = mail;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public List<Training> trainings() {
        return trainings.all();
    }

    @Override
    @Transactional
    public Training define(NewTraining command) {
        List<FieldError> errors = new ArrayList<>();
        String title = command.title() == null ? "" : command.title().strip();
        String version = command.version() == null ? "" : command.version().strip();
        String url = command.materialUrl() == null ? "" : command.materialUrl().strip();
        if (title.isEmpty() || title.length() > 120) {
            errors.add(FieldError.coded("title", "must be 1 to 120 characters", "error.field.lengthBetween", "1", "120"));
        }
        if (version.isEmpty() || version.length() > 20) {
            errors.add(FieldError.coded("version", "must be 1 to 20 characters", "error.field.lengthBetween", "1", "20"));
        }
        if (!isWebAddress(url)) {
            errors.add(FieldError.coded("materialUrl", "must be an http(s) address", "error.field.webAddress"));
        }
        if (command.requiredFor().isEmpty()) {
            errors.add(FieldError.coded("requiredFor", "at least one role is required", "training.error.requiredFor"));
        }
        if (command.renewalMonths() < 1 || command.renewalMonths() > 60) {
            errors.add(FieldError.coded("renewalMonths", "must be 1 to 60 months", "error.field.monthsBetween", "1", "60"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (trainings.exists(title, version)) {
            throw new Conflict("training-exists", "Training exists", "This version of the training exists already.");
        }
        Training training = new Training(UUID.randomUUID(), title, version, url, command.requiredFor(),
                command.renewalMonths(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        trainings.insert(training, Actors.current().reference());
        audit.record(AuditEvent.of("training.course.defined", Outcome.SUCCESS).withTargets("training:" + training.id()));
        return training;
    }

    @Override
    @Transactional
    public void recordCompletion(UUID trainingId, UUID staffId, LocalDate completedOn) {
        if (trainings.byId(trainingId).isEmpty()) {
            throw new NotFound("Training", trainingId);
        }
        if (accounts.find(staffId).isEmpty()) {
            throw new NotFound("User", staffId);
        }
        if (completedOn.isAfter(today()) || completedOn.isBefore(LocalDate.of(2000, 1, 1))) {
            throw new InvalidInput("completedOn", "must be a past date (not in the future)", "training.error.completedOn");
        }
        if (trainings.complete(trainingId, staffId, completedOn, Actors.current().reference(), clock.instant())) {
            audit.record(AuditEvent.of("training.completion.recorded", Outcome.SUCCESS)
                    .withTargets("user:" + staffId, "training:" + trainingId));
        }
    }

    @Override
    public List<TrainingStatus> statuses() {
        return statuses(accounts.list().stream().filter(StaffAccount::enabled).toList());
    }

    private List<TrainingStatus> statuses(List<StaffAccount> staff) {
        LocalDate today = today();
        List<Training> all = trainings.all();
        Map<String, LocalDate> latest = new HashMap<>();
        for (Trainings.Completion c : trainings.completions()) {
            latest.merge(c.trainingId() + "/" + c.staffId(), c.completedOn(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<TrainingStatus> result = new ArrayList<>();
        for (StaffAccount account : staff) {
            for (Training training : all) {
                if (!training.requiredForAny(account.roles())) {
                    continue;
                }
                @Nullable LocalDate completed = latest.get(training.id() + "/" + account.id());
                LocalDate due = completed != null ? training.validUntil(completed)
                        : later(date(training.createdAt()), date(account.createdAt())).plusDays(properties.graceDays());
                State state = !today.isBefore(due) ? State.OVERDUE
                        : !today.plusDays(properties.reminderDays()).isBefore(due) ? State.DUE_SOON : State.CURRENT;
                result.add(new TrainingStatus(account.id(), account.username(), training, completed, due, state));
            }
        }
        result.sort(Comparator.comparing(TrainingStatus::dueOn).thenComparing(TrainingStatus::username));
        return result;
    }

    @Override
    public boolean lapsed(UUID staffId) {
        return accounts.find(staffId).filter(StaffAccount::enabled)
                .map(a -> statuses(List.of(a)).stream().anyMatch(TrainingStatus::overdue)).orElse(false);
    }

    @Override
    public List<RatePoint> completionRate(int months) {
        LocalDate today = today();
        List<Training> all = trainings.all();
        List<Trainings.Completion> completions = trainings.completions();
        List<StaffAccount> staff = accounts.list().stream().filter(StaffAccount::enabled).toList();
        Map<UUID, LocalDate> trainingSince = new HashMap<>();
        Map<UUID, LocalDate> staffSince = new HashMap<>();
        all.forEach(t -> trainingSince.put(t.id(), date(t.createdAt())));
        staff.forEach(a -> staffSince.put(a.id(), date(a.createdAt())));
        for (Trainings.Completion c : completions) {
            trainingSince.computeIfPresent(c.trainingId(), (k, v) -> earlier(v, c.completedOn()));
            staffSince.computeIfPresent(c.staffId(), (k, v) -> earlier(v, c.completedOn()));
        }
        List<LocalDate> days = new ArrayList<>();
        YearMonth month = YearMonth.from(today);
        for (int i = months; i >= 1; i--) {
            days.add(month.minusMonths(i).atEndOfMonth());
        }
        days.add(today);
        List<RatePoint> points = new ArrayList<>();
        for (LocalDate day : days) {
            int required = 0;
            int current = 0;
            for (StaffAccount account : staff) {
                if (since(staffSince, account.id()).isAfter(day)) {
                    continue;
                }
                for (Training training : all) {
                    if (!training.requiredForAny(account.roles()) || since(trainingSince, training.id()).isAfter(day)) {
                        continue;
                    }
                    required++;
                    boolean valid = completions.stream().anyMatch(c -> c.trainingId().equals(training.id())
                            && c.staffId().equals(account.id()) && !c.completedOn().isAfter(day)
                            && training.validUntil(c.completedOn()).isAfter(day));
                    if (valid) {
                        current++;
                    }
                }
            }
            points.add(new RatePoint(day, required, current));
        }
        return points;
    }

    @Override
    public int sendReminders() {
        Instant now = clock.instant();
        int sent = 0;
        for (TrainingStatus status : statuses()) {
            if (status.state() == State.CURRENT) {
                continue;
            }
            Boolean done = tx.execute(s -> {
                if (!trainings.claimReminder(status.training().id(), status.staffId(), status.dueOn(),
                        status.state().name(), now)) {
                    return false;
                }
                mail.send(status);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                sent++;
            }
        }
        return sent;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), VernClock.ZONE);
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, VernClock.ZONE);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = URI.create(url);
            return Set.of("https", "http").contains(String.valueOf(uri.getScheme())) && uri.getHost() != null
                    && url.length() <= 500;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The first day of a staff member or training; both maps hold every id they are asked for. */
    private static LocalDate since(Map<UUID, LocalDate> firstDays, UUID id) {
        return Objects.requireNonNull(firstDays.get(id));
    }

}
